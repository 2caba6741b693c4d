"""Benchmarks of ip-digitizer against plain Tesseract and OCRmyPDF (not part of the package)."""
