from django.urls import reverse

from tests.conftest import PASSWORD


def test_it_logs_in_and_shows_the_dashboard(client, personas):
    response = client.post(reverse("accounts:login"), {"username": "officer_a", "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert "Tổng quan" in html and "Lò Thị Vân" in html
    assert 'data-testid="kpi-units">1<' in html  # the units under the commune, the commune not counted


def test_a_wrong_password_says_the_same_whether_or_not_the_user_exists(client, personas):
    known = client.post(reverse("accounts:login"), {"username": "officer_a", "password": "wrong"})
    unknown = client.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong"})
    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    assert message in known.content.decode() and message in unknown.content.decode()
    assert known.status_code == unknown.status_code == 200


def test_an_inactive_user_gets_the_same_message(client, personas):
    personas["officer_a"].is_active = False
    personas["officer_a"].save()
    response = client.post(reverse("accounts:login"), {"username": "officer_a", "password": PASSWORD})
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_it_logs_out(login):
    client = login("officer_a")
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("site:home")).status_code == 302


def test_the_dashboard_counts_the_users_reach(login, tree):
    html = login("province_admin").get(reverse("site:home")).content.decode()
    assert 'data-testid="kpi-units">3<' in html  # under the province, as on the province's page
    assert 'data-testid="kpi-communes">2<' in html
