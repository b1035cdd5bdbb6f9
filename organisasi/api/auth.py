"""API authentication: tokens first, so an anonymous caller is told 401 with `WWW-Authenticate: Token`."""
from rest_framework import authentication, exceptions


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token check with Indonesian messages."""

    def authenticate_credentials(self, key):
        try:
            token = self.get_model().objects.select_related("user").get(key=key)
        except self.get_model().DoesNotExist:
            raise exceptions.AuthenticationFailed("Token tidak sah.") from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("Akun tidak aktif.")
        return token.user, token
