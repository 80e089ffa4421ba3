"""Case rounds: incidents to investigate through `ask(...)`."""
