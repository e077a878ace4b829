def test_login_and_list_stations(client, as_):
    r = client.get("/v1/stations", headers=as_("admin"))
    assert r.status_code == 200, r.get_json()
    assert len(r.get_json()["items"]) == 2
