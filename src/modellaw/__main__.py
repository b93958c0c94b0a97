from modellaw.cli import main

main()
