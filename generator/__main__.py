import gc
import sys

gc.disable()  # a one-shot process: see generator.cli.run

try:
    from generator.cli import run
except KeyboardInterrupt:  # Ctrl-C while starting up
    sys.exit("dossier: interrupted")
except ModuleNotFoundError as exc:  # run by a Python without the project's environment
    if exc.name is None or exc.name.split(".")[0] == "generator":
        raise
    sys.exit(
        f"dossier: the package '{exc.name}' is not installed for {sys.executable}; "
        "run `python3 dev.py build` once (it creates .venv/), then use "
        "`.venv/bin/python -m generator` or `. .venv/bin/activate`"
    )

sys.exit(run())
