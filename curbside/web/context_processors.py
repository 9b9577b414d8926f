from django.conf import settings

from curbside.physicians.selectors import verified_physician_of


def site(request):
    user = request.user
    physician = getattr(user, "physician", None) if user.is_authenticated else None
    return {
        "SITE_NAME": settings.SITE_NAME,
        "viewer_physician": physician,
        "viewer_is_verified_physician": verified_physician_of(user) is not None,
    }
