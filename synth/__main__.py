from synth.cli.main import run

run()
