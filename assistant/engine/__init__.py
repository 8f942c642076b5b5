"""The answer engine: question -> retrieval -> sentence evidence -> Draft -> Answer or decline.
No HTTP, no HTML, no Gradio or FastAPI (tests/test_layering.py). Word tables: lexicon.py; tuned
numbers: tuning.py."""
