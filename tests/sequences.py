"""What a student may type into a text page, one after another, and the settings that must survive it."""

# page file -> (its route, a query string of non-default settings that a hidden section must keep)
TEXT_PAGES = {
    "pages/11_markov.py": ("markov", {"model": "gru", "pos": "12", "seed": "3"}),
    "pages/12_gates.py": ("gates", {"internal": "f", "unit": "5", "feature": "inside_quotes"}),
    "pages/13_gradients.py": ("gradients", {"scale": "2.0", "distance": "20", "seed": "3"}),
    "pages/21_translator.py": ("translator", {"step": "3", "layer": "1", "head": "2"}),
    "pages/22_self_attention.py": ("self_attention", {"layer": "2", "head": "3", "token": "2", "scale": "false"}),
    "pages/23_multi_head.py": ("multi_head", {"block": "cross", "layer": "2"}),
    "pages/24_positions.py": ("positions", {"width": "32", "length": "80"}),
}

# empty, blank, very long, unknown characters (Korean, emoji, a control character), HTML, then a normal
# text: each section hidden behind the text box is left undrawn for several runs in a row.
SEQUENCE = [
    "",
    "   ",
    "\n\t ",
    "ab c" * 600,
    "날짜 🙂 \x07 <b>bold</b><script>alert(1)</script>",
    "",
    "hello there, 24 Nov 2026",
]
