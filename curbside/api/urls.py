from ninja import NinjaAPI

api = NinjaAPI(title="Curbside API", version="1", urls_namespace="api")
