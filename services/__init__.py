"""The five services of the platform. A service imports `shared`, never another service."""
