"""Synth: learn from customer interviews systematically.

The package is headless: nothing here imports Textual or the `tui` package.
Heavy dependencies (chromadb, onnxruntime, openai, instructor, tiktoken) are
imported inside the functions that need them so `synth --help` stays fast.
"""

__version__ = "0.1.0"
