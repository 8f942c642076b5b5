"""The web layer: the Gradio chat, the JSON API, rendering, uploads and the admin token, the guards
around them. It reaches the engine only through the Desk (desk.py) and start-up (boot.py)."""
