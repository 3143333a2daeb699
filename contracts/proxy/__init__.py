"""The validating proxy: `workflow-runs-contracts proxy --dialect D --upstream URL` forwards real traffic
unchanged and judges every exchange against the dialect's spec and the suite's rules, after the answer is sent.

    forwarding   the ASGI app that forwards (aiohttp, pooled), streams the answer and keeps a bounded copy
    exchange     what one forwarded request and answer left to judge (no token in any output)
    worker       the bounded queue and the thread that judges behind the traffic (and counts its coverage)
    judge        one exchange: its operation, request, answer and what earlier traffic shows
    requests, schemas, answers              the per-exchange rules (`coverage.routes` matches the operation)
    memory, pages, runs                     what traffic shows across exchanges, in bounded memory
    rules, violations, summary, cli         the rules, one line per violation, the report and coverage on stop,
                                            the command
"""
