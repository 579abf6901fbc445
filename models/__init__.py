"""The models the pages teach with, and how their weights are made; never imports Streamlit.

- Lectures, one family per file, smallest piece first: `attention`, `recurrent`, `charlm`, `memory`,
  `ngram`, `translator`, `vit`, `pixel`, `nade`, `vae`; exact maths the pages show: `mle`, `discrete`.
- `data/`: what the lectures read. The package itself holds every data set (MNIST, the English text);
  `text` (the characters), `dates` (dates as people write them, generated), `datereader` (the hand-written
  list and the translator's score on it), `digits` (a drawn digit as the models' input). `common` is what
  the pixel models share; `checks` holds our code against PyTorch's for the "from scratch" pages.
- `hub/`: the weights on disk with their cards (`models.hub`), and `hub.registry`, which names each
  model's lecture and recipe.
- `training/`: the recipes, the one loop and the card builder, run by `python -m models.train NAME` and
  checked by `python -m models.evaluate NAME`.
"""
