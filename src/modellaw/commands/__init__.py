"""The CLI's commands, one module per command (or per pair of related ones).

`modellaw.cli` names them in a table and imports a command's module only when that command
runs, is completed or shows its own help, so `modellaw draft ...` builds `draft` alone.
What several commands share (the --root option, where drafts go, how output is written and
reported) is in `common`.
"""
