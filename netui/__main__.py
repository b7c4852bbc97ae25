from netui.cli import main

main()
