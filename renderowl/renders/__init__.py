"""Render jobs: submit, resolve, render with FFmpeg, settle usage."""
