"""The one build step pyproject.toml cannot declare: the top-level ``ontology/`` folder
(vocabulary, shapes, lexicons, knowledge base, question library) goes into the package as
``vnkg/ontology/``, where ``vnkg.lexicon.ontology_dir`` finds it through importlib.resources
once installed. In a source checkout the code reads ``ontology/`` where it is."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ONTOLOGY = Path(__file__).resolve().parent / "ontology"


class BuildWithOntology(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            shutil.copytree(ONTOLOGY, Path(self.build_lib) / "vnkg" / "ontology", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithOntology})
