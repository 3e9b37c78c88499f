"""The parts of people's names the detector knows: given names, surname and patronymic
endings, family names written first. Apart from the English word lists (lexicon.py)
because they are about names of the region and beyond, and grow on their own."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_words = words

#: Suffixes typical of surnames in the region (and of patronymics).
SURNAME_SUFFIXES = (
    "ov", "ova", "ev", "eva", "yev", "yeva", "in", "ina", "yn", "sky", "ski", "skaya", "skiy",
    "zoda", "zade", "ska", "ovic", "escu",
    "enko", "uk", "yuk", "chuk", "yan", "ian", "bayev", "baev", "uly", "kyzy", "vich", "ich",
    "shvili", "dze", "ovich", "evich", "ovna", "evna", "ko", "ny", "iy", "kin", "chenko",
)  # fmt: skip

#: Patronymic endings: ``Vladimir Vladimirovich`` names a person by first name + patronymic.
PATRONYMIC_SUFFIXES = (
    "ovich",
    "evich",
    "ievich",
    "yevich",
    "ich",
    "ovna",
    "evna",
    "ichna",
    "yevna",
)

#: Common given names: Russian, Ukrainian, Kazakh, Central Asian, Turkish, Western.
FIRST_NAMES = _words(
    """
    aleksandr alexander alexandr aleksei alexei alexey aleksey andrei andrey andrew anatoly
    anton arkady artem artyom boris denis dmitry dmitri evgeny yevgeny eugene fyodor fedor
    gennady georgy grigory grigori igor ilya ivan kirill konstantin leonid maxim maksim
    mikhail nikita nikolai nikolay oleg pavel petr pyotr roman ruslan semyon sergey sergei
    stanislav stepan timofey vadim valentin valery vasily viktor victor vitaly vitali
    vladimir vladislav vyacheslav yakov yaroslav yevgeniy yuri yury yurii zakhar
    anna anastasia alla alina ekaterina yekaterina elena yelena evgenia yevgenia galina
    irina ksenia lyudmila maria marina natalia natalya nadezhda olga svetlana tatyana
    tatiana valentina vera yulia zoya oksana larisa daria darya polina sofia victoria
    volodymyr petro mykola taras oleksandr oleksiy andriy yuriy bohdan dmytro serhiy
     aidar aigerim ainur akzhol alibek alikhan almas almaz arman askar asel
    aslan azamat bakhyt bakytzhan baurzhan berik bolat daniyar dariga dauren dinara
    erlan yerlan ermek yermek gulmira gulnara kairat kanat kanysh karim kassym kasym kuanysh
    marat medet meruert mukhtar murat nurlan nursultan olzhas rakhat rustam saule serik
    talgat timur  zhanar  zhanna zhandos daulet dulat nazgul aizhan assel
    islam shavkat sadyr almazbek emomali gurbanguly serdar ilham nikol rashid ahmed ali
    abai abay abylai adil aibek aida aidana aigul aizada akmaral aliya almasadam amangeldy
    amir anar anuar ardak arsen askhat asylbek ayan azat bakhytzhan bekzat beibut dana
    darkhan dias dilnaz dimash yerbol yerzhan yernar gaukhar gulnar gulzhan kaisar
    kamila karlygash kuat madi madina maksat marlen meirzhan miras moldir nurbol
    nurdaulet nurlybek nurzhan raushan sabina samat sanzhar saltanat shynar temirlan
    tokhtar ulan yerbolat zarina zhanibek zhansaya zhasulan zhomart maulen gauez kumar
    aruzhan rauan akbota balnur kuralai togzhan nazerke ayaulym inkar nariman
    giorgi levan irakli davit zurab mikheil nino tamar armen tigran hayk elchin vugar
    joanna olivia charlotte
    adakhan akylbek bakyt kamchybek kurmanbek melis nurbek omurbek roza sooronbay tilek
    taalai temir ulukbek ravshan rinat abdulaziz abdulla akmal alisher bakhodir
    bakhtiyor davron dilshod farhod jamshid jasur komil nodir otabek sanjar sherzod
    ulugbek jurabek amanbai dauletmurat imangali askar mukhtar
    mohammed muhammad hakan mehmet mustafa recep ahmet emre
    john james robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony antony mark donald steven paul george kenneth joshua kevin
    brian edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel frank gregory raymond patrick
    jack dennis jerry tyler aaron jose henry adam douglas nathan peter zachary kyle walter
    harold jeremy ethan carl keith roger gerald christian terry sean arthur austin noah
    lawrence jesse joe bryan billy jordan albert dylan bruce willie gabriel alan juan
    logan wayne ralph roy eugene randy vincent russell louis philip bobby johnny bradley
    evan shelby mary patricia jennifer linda elizabeth barbara susan jessica sarah karen
    nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol
    amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela
    helen andrea emma hillary kamala angela emmanuel olaf boris rishi  wilhelm
    catherine nicholas peter ivan friedrich hans klaus jan piotr andrzej  jakub
    sara sophie anne claire julia lucy kate katherine rachel hannah chloe natalie alice
    grace ruth ellen diana monica nina eva maya leila fatima zainab ayesha nadia
    nurbolat nurgul zhuldyz ainura elmira gulshat bibigul kuralai saltanat dilnoza
    shakhnoza nigora malika kamola feruza zarina umida
    katrin katharina stefan markus andreas jonas lukas tobias florian sebastian matthias
    christoph juergen jurgen uwe dieter wolfgang helmut gerhard heinz manfred ralf jens
    lars sven henrik anders nils johan pieter willem joost ulrike birgit petra sabine
    heike ingrid greta lena marie francois pierre jacques michel philippe julien antoine
    camille isabelle giovanni giuseppe marco luca matteo paolo francesco alessandro giulia
    chiara carlos miguel javier pablo luis jorge alejandro manuel pedro rafael antonio
    lucia carmen ayse fatma elif zeynep emine hasan huseyin ibrahim ismail osman yusuf
    burak serkan ozan kemal
    marta celestino jose luis diego sergio ricardo eduardo fernando andres roberto
    gani ghani galym galymzhan beibit kenes zhaslan yerkin yerkebulan nurtas
    aryna aliaksandr siarhei uladzimir mikalai yauhen aliaksei dzmitry viktar sviatlana maryia
    amirjon khurshed firdavs bakhtiyor sherali farrukh davlat rustam faridun jamshed
    """
)

#: Family names that come first in Chinese and Korean names (``Wang Jianguo``).
FAMILY_NAMES_FIRST = _words(
    """
    wang li zhang liu chen yang huang zhao wu zhou xu sun zhu hu guo lin gao luo zheng
    liang xie song tang han feng deng cao peng xiao tian dong pan yuan cai jiang yu du
    xi kim park lee choi
    """
)
