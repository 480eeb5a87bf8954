"""The provider network's API operations (mounted in ally/api/api.py)."""
