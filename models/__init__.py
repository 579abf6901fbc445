"""The models the pages teach with, and how their weights are made; never imports Streamlit.

- Lectures, one family per file, smallest piece first: `attention`, `recurrent`, `charlm`, `memory`,
  `ngram`, `translator`, `vit`, `pixel`, `nade`, `vae`; exact maths the pages show: `mle`, `discrete`.
- What the lectures read and share: `data` (every data set), `text`, `dates`, `digits`, `common`;
  `checks` holds our code against PyTorch's for the "from scratch" pages.
- Weights: `hub` loads and saves them with their cards, `registry` names each model's lecture and
  recipe; `training/` holds the recipes, the one loop and the card builder, run by
  `python -m models.train NAME` and checked by `python -m models.evaluate NAME`.
"""
