"""tools/run_notebooks.py measures what the README's course map and the memory limit rely on."""
import nbformat
import pytest

from tools.run_notebooks import main, run


def test_run_reports_the_kernels_peak_memory_and_leaves_the_notebook_as_it_was(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np\nblock = np.ones(50_000_000)  # 400 MB\n"
                                  "del block"),
        nbformat.v4.new_code_cell("print('after')"),
    ])
    wall, peak = run(nb, tmp_path)
    assert 0.4e9 < peak < 1.5e9          # the freed 400 MB block still counts: it is a peak
    assert wall > 0 and len(nb.cells) == 2
    assert nb.cells[1].outputs[0].text == "after\n"


def test_bad_limit_and_unknown_notebook_are_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--limit", "0", "--no-write"])
    assert "--limit must be a positive number" in capsys.readouterr().err
    assert main(["no-such-notebook", "--no-write"]) == 2
