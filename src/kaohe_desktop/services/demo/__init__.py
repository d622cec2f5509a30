"""Demo data: a deterministic county food-and-drug bureau as an ExchangeBook."""

from kaohe_desktop.services.demo.generator import generate_demo_book

__all__ = ["generate_demo_book"]
