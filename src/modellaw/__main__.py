from modellaw.program import run

run()
