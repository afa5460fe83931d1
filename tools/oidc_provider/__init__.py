"""A local OpenID Connect provider for development and tests (issue 18); never production.

A small Django project of its own (settings, SQLite database, RSA key), built on
django-oauth-toolkit's OIDC provider: authorization code with PKCE, RS256-signed ID tokens,
JWKS, userinfo and RP-initiated logout. Its demo citizens stand in for VNeID accounts; some
of them make the provider misbehave on purpose (wrong nonce, expired ID token, no citizen
ID) so the portal's client can be tested against each failure. See README.md.

Run its commands from the repository root: `python -m tools.oidc_provider <command>`.
"""
