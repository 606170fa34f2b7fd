"""Ship templates/ and the spec schema inside the wheel, next to the connector_gen package."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    """build_py that also copies the data files the package reads at run time."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # editable installs read them from the checkout
            return
        target = Path(self.build_lib, "connector_gen")
        shutil.copytree(ROOT / "templates", target / "templates", dirs_exist_ok=True)
        (target / "spec").mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "spec" / "capability-spec.schema.json", target / "spec")


setup(cmdclass={"build_py": BuildWithData})
