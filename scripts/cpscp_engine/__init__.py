"""The curriculum engine: load, model, validate, render and export the CPSCP curriculum.

Nothing here imports MkDocs: the handbook's macros, the validator CLI and the exports are
thin callers of this package, so the engine outlives any one site generator.
"""
