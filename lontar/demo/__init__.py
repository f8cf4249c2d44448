"""`make demo`: the commands that load every app's reference and sample data and serve the demo.

This app sits above every other one (it may import any of them; none imports it), so the lower
layers (``core`` above all) need not know the demo's accounts or data.
"""
