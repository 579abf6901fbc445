"""`python -m models.data`: rewrite the shipped data files (the app's held-out digits, the training text)."""

from models.data import main

main()
