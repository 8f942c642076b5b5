"""`python -m assistant.eval`: the evaluation harness (assistant/eval/harness.py);
`python -m assistant.eval statements`: the statement parser against its gold
(assistant/eval/statement_gold.py)."""

import sys

if sys.argv[1:2] == ["statements"]:
    from assistant.eval.statement_gold import main

    sys.exit(main(sys.argv[2:]))

from assistant.eval.harness import main  # noqa: E402

sys.exit(main())
