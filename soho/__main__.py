from soho.cli import main

main()
