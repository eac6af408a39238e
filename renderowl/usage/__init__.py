"""Usage bookkeeping: periodic recomputation from the truth."""
