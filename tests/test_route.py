"""The class route: every stop opens a valid view of its page, the handout lists them all, in both languages."""

import pytest

from tests.apptest import run_page
from ui import route
from ui.i18n import catalog, t


@pytest.mark.parametrize("stop", route.STOPS, ids=lambda s: s.page)
def test_every_stop_opens_its_view_without_a_bad_setting(stop):
    at = run_page(stop.info.file, **stop.view, lang="ko")
    assert not at.exception, [e.value for e in at.exception]
    bad = catalog("ko")["url.bad"].split("{")[0]
    assert not [w for w in at.warning if w.value.startswith(bad)]
    for key, value in stop.view.items():
        assert str(at.session_state[key]).lower() == value.lower(), key


def test_the_route_is_about_fifty_minutes_in_about_ten_stops():
    assert 8 <= len(route.STOPS) <= 12
    assert 40 <= sum(s.minutes for s in route.STOPS) <= 60
    assert len({s.page for s in route.STOPS}) == len(route.STOPS)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_handout_lists_every_stop_with_its_link_question_and_conclusion(lang):
    text = route.handout(lambda key, **v: t(key, lang, **v), lang, base="http://host")
    assert "⟦" not in text
    for stop in route.STOPS:
        assert route.link(stop, lang, base="http://host") in text
        assert t(f"route.{stop.page}.question", lang) in text and t(f"route.{stop.page}.conclusion", lang) in text


def test_home_shows_the_route_with_a_handout_and_a_presenter_start():
    at = run_page("app.py")
    assert not at.exception
    title = t("route.title", "en", minutes=sum(s.minutes for s in route.STOPS))
    assert [e for e in at.expander if e.label == title]
    assert at.get("download_button")
    questions = [m.value for m in at.markdown if t("route.ask", "en") in m.value]
    assert len(questions) == len(route.STOPS)


# The conclusions' claims, on the shipped models at each stop's view.


def test_gradients_conclusion_the_rnn_keeps_under_a_millionth_and_the_gated_models_a_thousand_times_more():
    from ui import seqmodels
    from ui.lessons import gradients

    facts = gradients.radius_facts()
    assert facts["rho"] > 1 and facts["saturated"] > 50
    assert facts["then"] / facts["now"] < 1e-6 and facts["back"] == 100
    rnn = seqmodels.gradient_norms("rnn", gradients.DEFAULT, 1.0)
    for kind in ("lstm", "gru"):
        gated = seqmodels.gradient_norms(kind, gradients.DEFAULT)
        assert (gated[-101] / gated[-1]) > 1000 * (rnn[-101] / rnn[-1])


def test_positions_conclusion_without_positions_almost_no_date_is_right_and_reordering_is_invisible():
    from ui.lessons import positions

    facts = positions.accuracy_facts()
    assert facts["off"] < 5 and facts["on"] > 95
    bag = positions.bag_facts()
    assert bag["a"] == bag["b"]


def test_vae_conclusion_random_codes_give_every_digit_for_the_vae_and_few_kinds_for_the_autoencoder():
    from ui.lessons import vae

    facts = vae.prior_facts()
    assert facts["vae_inside"] > 70 and facts["ae_inside"] < 40
    assert vae.missing_digits()


def test_self_attention_conclusion_without_scaling_the_weights_sharpen():
    from ui.lessons import self_attention

    facts = self_attention.scaling_facts(self_attention.EXAMPLE, 1, 1, 4)
    assert facts["peak_off"] > facts["peak_on"]


def test_mle_conclusion_nll_and_kl_fall_together_at_the_stop_s_view():
    from ui.lessons import mle

    values = mle.fit_values(0)
    assert values["kl100"] < values["kl0"] and values["nll100"] < values["nll0"]
