from sayso.cli import main

raise SystemExit(main())
