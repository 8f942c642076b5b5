"""`python -m assistant.eval`: the evaluation harness (assistant/eval/harness.py)."""

import sys

from assistant.eval.harness import main

sys.exit(main())
