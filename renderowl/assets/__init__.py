"""Assets: media uploaded straight to storage, probed and thumbnailed in the background."""
