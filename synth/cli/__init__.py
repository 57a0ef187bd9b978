"""The scriptable CLI: thin commands over the library, one module per group."""
