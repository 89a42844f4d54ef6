namespace Upcare.Synthetic;

/// <summary>Name and place lists for the synthetic population of Newcastle West. Invented people only.</summary>
internal static class SyntheticNames
{
    public static readonly string[] FemaleOlder =
    [
        "Margaret", "Patricia", "Susan", "Linda", "Christine", "Elizabeth", "Mary", "Jean", "Carol", "Pauline",
        "Maureen", "Janet", "Barbara", "Irene", "Doreen", "Sandra", "Brenda", "Joan", "Valerie", "Eileen",
        "Anne", "Dorothy", "Kathleen", "Sheila", "Lesley", "Gillian", "Julie", "Karen", "Denise", "Alison",
    ];

    public static readonly string[] FemaleYounger =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Chloe", "Lucy", "Ella",
        "Jessica", "Hannah", "Rebecca", "Laura", "Sarah", "Emma", "Rachel", "Charlotte", "Megan", "Holly",
        "Lauren", "Amy", "Nicola", "Kirsty", "Gemma", "Leanne", "Stacey", "Freya", "Poppy", "Evie",
    ];

    public static readonly string[] MaleOlder =
    [
        "John", "David", "Michael", "Peter", "Robert", "William", "Alan", "Brian", "Kenneth", "George",
        "Thomas", "James", "Raymond", "Ronald", "Norman", "Keith", "Derek", "Colin", "Stephen", "Anthony",
        "Christopher", "Paul", "Ian", "Gary", "Barry", "Trevor", "Malcolm", "Dennis", "Stuart", "Graham",
    ];

    public static readonly string[] MaleYounger =
    [
        "Oliver", "Jack", "Harry", "Noah", "George", "Leo", "Charlie", "Jacob", "Alfie", "Freddie",
        "Daniel", "Thomas", "Matthew", "Liam", "Ryan", "Jordan", "Callum", "Adam", "Joshua", "Luke",
        "Craig", "Lee", "Mark", "Darren", "Scott", "Jamie", "Kyle", "Ethan", "Oscar", "Archie",
    ];

    public static readonly string[] Surnames =
    [
        "Smith", "Robson", "Brown", "Wilson", "Taylor", "Johnson", "Thompson", "Walker", "Wright", "Hall",
        "Armstrong", "Charlton", "Milburn", "Scott", "Bell", "Young", "Graham", "Anderson", "Dodds", "Elliott",
        "Ridley", "Hutchinson", "Richardson", "Jackson", "Harrison", "Bainbridge", "Turnbull", "Reed", "Nixon", "Forster",
        "Davison", "Storey", "Stephenson", "Laidler", "Errington", "Heslop", "Mason", "Clark", "Watson", "Green",
        "Wood", "Moore", "White", "Martin", "Cooper", "Ward", "Hughes", "Allan", "Murray", "Kerr",
        "O'Neill", "McDonald", "Fenwick", "Lumsden", "Pattinson", "Dixon", "Gibson", "Hunter", "Bolam", "Tait",
    ];

    public static readonly string[] SouthAsianFemale = ["Aisha", "Fatima", "Priya", "Sana", "Nazia", "Ruksana", "Anjali", "Shabana", "Zainab", "Meera"];
    public static readonly string[] SouthAsianMale = ["Mohammed", "Ali", "Imran", "Arjun", "Rahul", "Tariq", "Abdul", "Sanjay", "Hassan", "Rajesh"];
    public static readonly string[] SouthAsianSurnames = ["Khan", "Ahmed", "Hussain", "Begum", "Patel", "Sharma", "Ali", "Rahman", "Singh", "Iqbal"];
    public static readonly string[] ChineseFemale = ["Mei", "Li", "Xiu", "Ying", "Hui"];
    public static readonly string[] ChineseMale = ["Wei", "Jun", "Hao", "Ming", "Jian"];
    public static readonly string[] ChineseSurnames = ["Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Lee", "Chan"];
    public static readonly string[] AfricanFemale = ["Amara", "Chiamaka", "Ngozi", "Abena", "Fatou", "Grace", "Blessing"];
    public static readonly string[] AfricanMale = ["Chinedu", "Kwame", "Emeka", "Kofi", "Tunde", "Samuel", "Yusuf"];
    public static readonly string[] AfricanSurnames = ["Okafor", "Mensah", "Adeyemi", "Osei", "Mohamed", "Abdi", "Nwosu"];

    /// <summary>Streets of Newcastle West by outward code, with an approximate centre for the area.</summary>
    public static readonly (string Outward, int[] Sectors, double Latitude, double Longitude, string[] Streets)[] Areas =
    [
        ("NE4", [5, 6, 7, 8, 9], 54.9745, -1.6500,
            ["Westgate Road", "Elswick Road", "Adelaide Terrace", "Benwell Grove", "Condercum Road", "Wingrove Road",
             "Fenham Hall Drive", "Nuns Moor Road", "Two Ball Lonnen", "Tamworth Road", "Stanhope Street", "Brighton Grove"]),
        ("NE5", [1, 2, 3, 4, 5], 54.9950, -1.6900,
            ["Stamfordham Road", "West Denton Way", "Slatyford Lane", "Chapel House Road", "Ponteland Road",
             "Silver Lonnen", "Middle Drive", "Whickham View", "Newbiggin Lane", "Cheviot View"]),
        ("NE15", [6, 7, 8, 9], 54.9800, -1.7400,
            ["Hexham Road", "Scotswood Road", "Lemington Road", "Newburn Road", "Denton Road", "Union Hall Road",
             "Tyne View", "Throckley Way", "Walbottle Road", "Grange Road"]),
    ];

    /// <summary>Letters allowed in the inward code (never C, I, K, M, O, V).</summary>
    public const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static readonly string[] WhatMattersStatements =
    [
        "Getting back to my allotment in the spring.",
        "Being able to walk the dog along the river without getting out of breath.",
        "Seeing my grandchildren more often and being well enough to look after them on Saturdays.",
        "Not feeling so alone in the evenings since my husband died.",
        "Sorting out my money worries so I can sleep at night.",
        "Staying in my own home for as long as I can.",
        "Going back to work, even just a few hours a week.",
        "Getting to the match at St James' Park with my son.",
        "Understanding my diabetes so I'm not frightened of it.",
        "Having somewhere warm and dry to live for me and the kids.",
        "Meeting people who know what it's like to live with my condition.",
        "Being able to cook proper meals again.",
        "Getting a break from caring for my mum now and again.",
        "Singing in the choir again.",
        "Feeling confident to go out on the bus by myself.",
    ];

    public static readonly (string Relationship, bool Female)[] CarerRelationships =
    [
        ("Wife", true), ("Husband", false), ("Daughter", true), ("Son", false), ("Partner", true), ("Partner", false),
        ("Sister", true), ("Brother", false), ("Friend", true), ("Neighbour", false),
    ];

    public static readonly string[] InterpreterLanguages = ["Polish", "Urdu", "Bengali", "Arabic", "Cantonese", "Punjabi", "Romanian", "Tigrinya"];
}
