"""Grading a notebook: the learner's cells, then the exercise's hidden tests, in one fresh kernel."""
