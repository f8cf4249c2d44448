"""The labelled sample evaluations ("data contoh") that `evaluation_demo` loads for the demo."""
