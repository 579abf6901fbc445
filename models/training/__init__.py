"""How the shipped weights are made and checked; the app never imports this package.

Every family has a recipe here under the name of its lecture in `models/` (`models/nade.py` is
the model, `models/training/nade.py` how it is trained and measured): `train(name, seed,
generator, progress)` returns a `card.Trained`, `evaluate(model, name)` the metrics of its card.
`loop.py` is the one training loop they share and `card.py` the one card builder.
"""
