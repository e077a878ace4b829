from courier_api import create_app

app = create_app(migrations=False)  # a server never migrates: `flask db upgrade` does
