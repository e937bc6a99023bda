extension BuiltinCorpus {
  /// Chapter VIII. The Stars Keep Better Time
  static let chapter8 = #"""
    Chapter VIII. The Stars Keep Better Time

    It was nearly a week later that Lyle and I sat once more on either side of
    our own fire in Cutler Street, with the curtains drawn against another
    evening of rain and a plate of Mrs. Hale's muffins on the fender between us.
    The inquest had been held at Dorking on the Thursday. Dr. Mallory had given
    his evidence, and stood by it, and the coroner's jury had found that Mr.
    Reginald Ashby died of natural causes, namely a failure of the heart,
    brought on by sudden agitation. But they had added a rider, in very plain
    language, concerning the conduct of his nephew and his butler on the night
    of his death, and the Dorking paper had printed it in full.

    "What will become of them?" I asked. "Mr. Cyril, I mean, and Grimsby."

    "Mr. Cyril will be tried at the Old Bailey for uttering a forged document,
    and I imagine he will go to prison for a year or two. The man who wrote the
    letter for him has been found by Hobbs in a back room in Hoxton, with a very
    fine collection of other gentlemen's signatures, and I do not think he will
    see daylight for some time. Mr. Cyril's annuity will be waiting for him when
    he comes out. His uncle left it to him, and Miss Quill has said that she
    will not contest it."

    "That is generous of her."

    "It is more than generous. It is wise. A man with three hundred a year and
    nothing to do may take to drink, but he seldom takes to forgery. As for
    Grimsby, Miss Quill has paid him his legacy and given him a written
    character, which says that he served her guardian faithfully for twenty
    years, and says nothing at all about the twenty-first. He has gone to his
    sister in Portsmouth. I do not think we shall hear of him again."

    "I am glad of it," said I. "I could not find it in my heart to hate the man.
    I shall never forget his face when he told us how his master died."

    "Nor I. He was weak, Varga, and he was frightened, and he was old, and he
    was offered more money than he had ever seen. That is not wickedness. It is
    only the ordinary stuff of which most of our troubles are made. Mr. Cyril
    was the wicked one, if anyone was, and even he did not mean any harm to his
    uncle. He only wanted the money. He would have been quite content for the
    old man to live another twenty years, so long as he left the will alone."

    Mrs. Hale came in at that moment with a fresh pot of tea and a letter upon a
    tray.

    "This came by the last post, Mr. Lyle," said she. "It is from Surrey, and it
    is in a lady's hand, and if it is from that poor young lady who sat on my
    stairs I should be glad to know she is well."

    "Then you shall hear it, Mrs. Hale," said Lyle, opening it. "Stay a moment.
    It is from Miss Quill, and I am sure she would wish you to."

    He read it aloud, while Mrs. Hale stood by the door with the tray held
    before her like a shield.

    "Dear Mr. Lyle, I write to thank you, and Dr. Varga, and through you Mrs.
    Hale, whose tea I have not forgotten. Ashby Hall is very quiet now, but it
    is a good quiet. Mrs. Dunmore has taken charge of everything, as she always
    did, and the house has never been so clean. Tom Ridley is to go to London in
    the spring, to be apprenticed to Mr. Teague in St. John Street. Mr. Teague
    says that the boy has good hands and a steady eye, and that he would rather
    teach a poacher than a fool. I have put the star movement back into the
    great clock in the study, and on Sunday I wound all the clocks in the house
    for the first time, as my guardian used to do. It took me the whole of the
    morning, and I lost count twice, but when they were all going again I sat
    down in his chair and listened to them, and for the first time since he died
    I was not afraid. The hall clock strikes twelve now, and not thirteen. Mr.
    Teague came down himself to mend it. If you are ever in Surrey, you will
    always be welcome here. Yours very sincerely, Eleanor Quill."

    "Well, I never," said Mrs. Hale, and she wiped her eyes upon the corner of
    her apron, and went out of the room without another word.

    For a while we sat and listened to the rain. Then I said, "There is one
    thing I still do not understand, Lyle. Why did Mr. Ashby go to such lengths?
    He might have left the will with Mr. Pruett, and no one could have touched
    it. Instead he locked it in a clock and sent it to Clerkenwell, and gave the
    key to a forgetful old clergyman. It seems to me the act of a man who
    enjoyed a puzzle more than he loved his ward."

    "I do not think so," said Lyle. He leaned forward and knocked out his pipe
    against the bars of the grate. "Consider his position. He was old, and ill,
    and he knew it. He knew that his nephew was desperate for money, and he
    suspected, I think, that his butler could be bought. If he had left the will
    with Pruett, Cyril would have known exactly where it was, and Cyril is not
    above forging a letter, as we have seen, or worse. What Mr. Ashby wanted was
    a hiding-place that no one would think of, with a key that no one would
    suspect, kept by two old friends who could not be bribed. He found all
    three. He trusted the clocks, Varga. He told Miss Quill so, and she did not
    understand him, and he told Pruett so, and Pruett thought his mind was
    wandering. Only the clocks kept faith."

    "And the moon upon the dial?"

    "Was the one thing he could not hide. He stopped the great clock when he
    took the star movement out, because a clock with half its works gone will
    not run. He could hardly help it. A careful man would have set it going
    again with a false moon, but he was not thinking of detectives. He was
    thinking of his nephew, who could not have told a full moon from a new one
    if his life depended upon it."

    "And the hall clock striking thirteen?"

    "Was Mr. Cyril's own doing, and the beginning of his undoing. If he had left
    that clock alone, Mr. Ashby would not have come downstairs, and he might
    have lived to see Christmas, and the will would have stayed in Clerkenwell
    until it was wanted. I sometimes think, Doctor, that the guilty are caught
    less often by the cleverness of the detective than by their own impatience."

    "That is a very modest remark, coming from you."

    "Is it?" He smiled, and reached for the tobacco-jar upon the mantelpiece.
    "Then you had better write it down, Varga, for I shall not make another this
    year. And when you write up this little affair for your readers, as I know
    very well you will, I beg you to give the credit where it belongs."

    "To whom?"

    "To a gardener's boy who went out after rabbits, to an old servant who
    stopped a clock from habit, and to a dead man who knew that the only honest
    servant in any house is the one that tells the same story to everyone. I
    merely listened, Varga. Anyone could have done it."

    I did not believe him, and I do not believe him now. But I have done as he
    asked, and I have set it all down here, exactly as it happened, in the hope
    that Miss Eleanor Quill, if she should ever read it, will forgive me for
    telling her story to the world.
    """#
}
