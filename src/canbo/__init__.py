"""canbo: training and quality of a province's cadres, civil servants and public employees."""

__version__ = "0.1.0"
