"""tools/run_notebooks.py measures what the README's course map and the memory limit rely on."""
import nbformat
import pytest

from tools.run_notebooks import execute_in_kernel, main, run_notebook_file

BLOCK = 200e6                   # what the test notebook allocates, in bytes
BALLAST = 500_000_000           # what the process that starts the kernel holds meanwhile


def test_peak_is_the_kernels_own_not_its_launchers_nor_a_child_counted_twice(tmp_path):
    """The peak counts the freed block (it is a peak), and nothing else that is large: neither the
    memory of the process that started the kernel, which Linux's ru_maxrss carries over, nor a child
    process started while the block was held, which shares the kernel's pages."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import subprocess, sys\nimport numpy as np\n"
                                  f"block = np.ones({int(BLOCK) // 8})\n"
                                  "subprocess.run([sys.executable, '-c', 'pass'], check=True)\n"
                                  "del block"),
        nbformat.v4.new_code_cell("print('after')"),
    ])
    ballast = b"x" * BALLAST
    _, peak = execute_in_kernel(nb, tmp_path)
    assert len(ballast) == BALLAST                      # held until the kernel has finished
    assert BLOCK < peak < BLOCK + 0.25e9, f"peak {peak / 1e9:.3f} GB for a kernel that held 0.2 GB"
    assert len(nb.cells) == 2, "the memory probe's cell was left in the notebook"
    assert nb.cells[1].outputs[0].text == "after\n"


def test_a_notebook_file_is_saved_with_outputs_and_its_slowest_cell_comes_first(tmp_path):
    path = tmp_path / "timed.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("print('quick')"),
        nbformat.v4.new_markdown_cell("Then a slow cell:"),
        nbformat.v4.new_code_cell("import time\ntime.sleep(0.5)"),
    ]), path)
    wall, _, cells = run_notebook_file(path, write=True)
    seconds, index, first_line = cells[0]
    assert (index, first_line) == (2, "import time") and seconds >= 0.5, cells
    assert wall >= seconds, "the notebook's time must cover its cells'"
    saved = nbformat.read(path, as_version=4)
    assert [c.cell_type for c in saved.cells] == ["code", "markdown", "code"]
    assert saved.cells[0].outputs[0].text == "quick\n"
    assert not any("execution" in c.metadata for c in saved.cells), "timestamps left in the saved file"


def test_bad_limit_and_unknown_notebook_are_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--limit", "0", "--no-write"])
    assert "--limit must be a positive number" in capsys.readouterr().err
    assert main(["no-such-notebook", "--no-write"]) == 2
