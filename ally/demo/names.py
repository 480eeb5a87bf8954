"""Word lists for the demo: people's names, password words and street names.

The people are fictional. The lists are wide on purpose: task forces serve and employ people of
every background, and the demo should look like it.
"""

from __future__ import annotations

FIRST_NAMES: tuple[str, ...] = (
    "Aaliyah", "Abdi", "Adriana", "Ahmed", "Aisha", "Alejandro", "Amara", "Amina", "Ana",
    "Andrés", "Angela", "Anh", "Ashley", "Ayesha", "Ben", "Bianca", "Bo", "Brandon", "Camila",
    "Carlos", "Carmen", "Catherine", "Chen", "Chioma", "Chris", "Dakota", "Daniel", "Danielle",
    "Darnell", "David", "Deja", "Denise", "Destiny", "Diego", "Dmitri", "Elena", "Elijah",
    "Emily", "Esperanza", "Fatima", "Gabriel", "Grace", "Hana", "Hassan", "Hector", "Hoa",
    "Ibrahim", "Imani", "Inés", "Isaiah", "Jamal", "James", "Jasmine", "Javier", "Jennifer",
    "Jessica", "Jin", "Joanna", "John", "José", "Joseph", "Juan", "Julia", "Kai", "Kareem",
    "Katherine", "Keisha", "Kenji", "Kevin", "Khadija", "Kim", "Kwame", "Lakshmi", "Latoya",
    "Laura", "Leila", "Lena", "Linh", "Lucas", "Luis", "Maya", "Malik", "Marcus", "María",
    "Mariam", "Mark", "Megan", "Mei", "Michael", "Miguel", "Mohamed", "Nadia", "Naomi", "Nia",
    "Nicole", "Nkechi", "Noah", "Olga", "Omar", "Pa Nhia", "Patrick", "Paul", "Pedro", "Priya",
    "Rachel", "Rafael", "Rahul", "Raven", "Renee", "Ricardo", "Rosa", "Ruth", "Ryan", "Samira",
    "Samuel", "Sara", "Shawn", "Sofía", "Sophia", "Stephanie", "Sunita", "Tamika", "Tanisha",
    "Teresa", "Thomas", "Tou", "Tyrone", "Valeria", "Vanessa", "Victor", "Wanda", "William",
    "Winona", "Xavier", "Yasmin", "Yer", "Yusuf", "Zainab", "Zoe",
)

LAST_NAMES: tuple[str, ...] = (
    "Abdullahi", "Adams", "Adeyemi", "Aguilar", "Ali", "Anderson", "Baker", "Banks", "Bauer",
    "Begay", "Bell", "Brooks", "Brown", "Castillo", "Chavez", "Chen", "Clark", "Cruz", "Daniels",
    "Diaz", "Dubois", "Edwards", "Evans", "Farah", "Fernandez", "Fischer", "Flores", "Garcia",
    "Gonzalez", "Gray", "Green", "Gupta", "Hall", "Hansen", "Harris", "Hassan", "Her", "Hernandez",
    "Hill", "Ibrahim", "Jackson", "James", "Jensen", "Johnson", "Jones", "Kaur", "Khan", "Kim",
    "Kowalski", "Larson", "Lee", "Lewis", "Lopez", "Lor", "Martin", "Martinez", "Mendoza",
    "Mohamud", "Moore", "Morales", "Murphy", "Nelson", "Nguyen", "Novak", "Obi", "O'Brien",
    "Okafor", "Olson", "Ortiz", "Owens", "Park", "Patel", "Perez", "Peterson", "Pham", "Ramirez",
    "Ramos", "Reyes", "Rivera", "Robinson", "Rodriguez", "Romero", "Ruiz", "Sanchez", "Schmidt",
    "Schneider", "Scott", "Shah", "Singh", "Smith", "Sokolov", "Soto", "Stewart", "Sullivan",
    "Tanaka", "Taylor", "Thao", "Thomas", "Thompson", "Torres", "Tran", "Vang", "Vasquez",
    "Walker", "Warsame", "Washington", "Weber", "White", "Williams", "Wilson", "Wright", "Xiong",
    "Yang", "Yazzie", "Young", "Zhang",
)

# Short, plain, unambiguous words for readable passwords (three of them and two digits).
PASSWORD_WORDS: tuple[str, ...] = (
    "acorn", "amber", "anchor", "apple", "arrow", "aspen", "badge", "basil", "beach", "birch",
    "bison", "blossom", "bramble", "brick", "bridge", "brook", "cabin", "canoe", "canyon", "cedar",
    "chalk", "cherry", "cinder", "clover", "cobalt", "comet", "copper", "coral", "cotton", "crane",
    "creek", "crystal", "daisy", "delta", "desert", "dove", "dune", "eagle", "ember", "fable",
    "falcon", "feather", "fern", "fjord", "flint", "forest", "fossil", "garden", "garnet",
    "ginger", "glacier", "granite", "harbor", "hazel", "heron", "hickory", "hollow", "honey",
    "island", "ivory", "jasper", "juniper", "kayak", "kettle", "lantern", "larch", "lemon",
    "lilac", "linen", "lotus", "magnet", "maple", "marble", "meadow", "mesa", "meteor", "mint",
    "mirror", "moss", "nectar", "nickel", "north", "oasis", "ocean", "olive", "orbit", "orchid",
    "otter", "paddle", "pebble", "pepper", "pine", "planet", "plum", "pond", "poppy", "prairie",
    "quartz", "quill", "rain", "raven", "reef", "ridge", "river", "robin", "saffron", "sage",
    "salmon", "sandal", "summit", "spruce", "stone", "storm", "sunset", "thistle", "thunder",
    "timber", "topaz", "trail", "tulip", "tundra", "valley", "velvet", "violet", "walnut",
    "willow", "window", "winter", "zephyr",
)

STREETS: tuple[str, ...] = (
    "Main Street", "State Street", "Lake Street", "Oak Street", "Washington Avenue",
    "Park Avenue", "Grand Avenue", "Church Street", "Market Street", "Court Street",
    "Water Street", "Mill Road", "River Road", "Elm Street", "Maple Avenue", "Jefferson Street",
    "Lincoln Avenue", "Front Street", "Second Street", "Third Avenue", "College Avenue",
    "Center Street", "Prospect Avenue", "Highland Boulevard", "Commerce Drive", "Walnut Street",
)
