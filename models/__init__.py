"""Models, weights, data, training and evaluation. Imports only torch and numpy."""
