"""Staff and candidate pages, one module per topic; ``urls.py`` wires them."""
