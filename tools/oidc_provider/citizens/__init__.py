"""Demo citizens of the development OpenID Connect provider, and what it says about them."""
