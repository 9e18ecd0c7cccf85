"""The links instructors and students click, checked against known-good forms."""
import pytest

from tools.course_links import (binder_url, colab_url, course_config, find_notebook, main,
                                nbgitpuller_url)
from tools.layout import NOTEBOOK_DIR

CONFIG = {"repository": "https://github.com/owner/seqcourse", "branch": "main",
          "owner_repo": "owner/seqcourse", "folder": "seqcourse"}


def test_nbgitpuller_link_is_the_known_good_form():
    assert nbgitpuller_url(CONFIG, "https://hub.example.edu/", "03_linear_rnn_sinusoids.ipynb") == (
        "https://hub.example.edu/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fowner%2Fseqcourse"
        "&urlpath=lab%2Ftree%2Fseqcourse%2Fnotebooks%2F03_linear_rnn_sinusoids.ipynb"
        "&branch=main")


def test_nbgitpuller_link_for_the_whole_course_opens_the_notebooks_folder():
    url = nbgitpuller_url(CONFIG, "https://hub.example.edu")
    assert url.endswith("&urlpath=lab%2Ftree%2Fseqcourse%2Fnotebooks%2F&branch=main")


def test_colab_and_binder_links():
    assert colab_url(CONFIG, "01_sequential_data.ipynb") == (
        "https://colab.research.google.com/github/owner/seqcourse/blob/main/notebooks/"
        "01_sequential_data.ipynb")
    assert binder_url(CONFIG, "01_sequential_data.ipynb") == (
        "https://mybinder.org/v2/gh/owner/seqcourse/main"
        "?urlpath=lab%2Ftree%2Fnotebooks%2F01_sequential_data.ipynb")


def test_repository_config_is_valid_and_has_no_dot_git():
    config = course_config()
    assert not config["repository"].endswith(".git")
    assert config["folder"] in nbgitpuller_url(config, "https://hub.example.edu")


@pytest.mark.parametrize("repository", ["https://github.com/owner/course.git",
                                        "git@github.com:owner/course", "https://github.com/owner"])
def test_bad_repository_config_is_refused(tmp_path, repository):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f'[tool.course]\nrepository = "{repository}"\nbranch = "main"\n')
    with pytest.raises(ValueError, match="https://github.com/OWNER/NAME"):
        course_config(pyproject)


def test_bad_hub_and_unknown_notebook_are_refused(capsys):
    with pytest.raises(ValueError, match="address of a JupyterHub"):
        nbgitpuller_url(CONFIG, "hub.example.edu")
    with pytest.raises(ValueError, match="exactly one notebook"):
        find_notebook("99")
    assert main(["--notebook", "99"]) == 2
    assert "exactly one notebook" in capsys.readouterr().err


def test_command_prints_all_three_links(capsys):
    assert main(["--hub", "https://hub.example.edu", "--notebook", "03"]) == 0
    out = capsys.readouterr().out
    assert "git-pull?repo=" in out and "mybinder.org" in out and "colab.research.google.com" in out
    notebook = find_notebook("03")
    assert (NOTEBOOK_DIR / notebook).is_file()
