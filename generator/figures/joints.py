"""The vocabulary of a movement figure: joints, their allowed ranges and the props.

The exercise schema (generator/schema.py) reads these, so the validator, the JSON Schema and the
field reference all agree with the drawing code.

The figure is seen from its right side and faces +x. Angles are degrees:

- ``trunk``: lean of the hip-to-shoulder line from vertical; + tips forward (90 = face down,
  horizontal), - tips backward (-90 = lying on the back, beyond -90 = shoulders below the hips,
  as at the top of a glute bridge).
- ``hip``: flexion of the thigh relative to the trunk line; 0 = straight, + = thigh forward.
- ``knee``: flexion; 0 = straight leg, + = heel toward buttock.
- ``ankle``: 0 = foot at a right angle to the shin; + = toes toward shin (dorsiflexion),
  - = pointing the toes (plantarflexion, the top of a calf raise).
- ``shoulder``: flexion of the upper arm relative to the trunk; 0 = hanging along the trunk,
  + = forward/up (180 = overhead), - = behind the body.
- ``elbow``: flexion; 0 = straight arm.
- ``neck``: flexion of the head relative to the trunk; + = chin down, - = looking up.
"""

JOINT_RANGES: dict[str, tuple[int, int]] = {
    "neck": (-60, 60),
    "trunk": (-120, 100),
    "hip": (-30, 140),
    "knee": (0, 150),
    "ankle": (-50, 35),
    "shoulder": (-60, 180),
    "elbow": (0, 150),
}

JOINTS: tuple[str, ...] = tuple(JOINT_RANGES)

# pull-up-bar: the figure hangs from a fixed bar (its hands stay on the bar, its feet leave the
# floor); band: anchored where the moving end (hands, or the head) points at the start.
PROPS: tuple[str, ...] = (
    "barbell", "dumbbells", "kettlebell", "band", "bench", "mat", "pull-up-bar",
)
