function copy:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000B5h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov ecx,ecx
  0033  mov [rbp-30h],rcx
  003a  mov r15,[r14+8]
  0041  mov r15,[r15]
  0048  mov rax,rcx
  004b  mov r11,[r14+8]
  0052  mov r11,[r11+8]
  0059  sub r11,10h
  0060  jb 00000000000000B3h
  0066  cmp rax,r11
  0069  ja 00000000000000B3h
  006f  mov rax,[r15+rax+8]
  0077  mov rsi,rdx
  007a  mov r11,[r14+8]
  0081  mov r11,[r11+8]
  0088  sub r11,18h
  008f  jb 00000000000000B3h
  0095  cmp rsi,r11
  0098  ja 00000000000000B3h
  009e  mov [r15+rsi+10h],rax
  00a6  lea rsp,[rbp-10h]
  00ad  pop r15
  00af  pop r14
  00b1  pop rbp
  00b2  ret
  00b3  ud2    ; trap: Code(MemoryOutOfBounds)
  00b5  ud2    ; trap: Code(StackOverflow)
  00b7  mov r11,rdx
  00ba  mov edx,[r11]
  00c2  mov ecx,[r11+10h]
  00ca  jmp 0

function byte:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000008Ah
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov r15,[r14+8]
  0037  mov r15,[r15]
  003e  mov rax,rdx
  0041  mov r11,[r14+8]
  0048  mov r11,[r11+8]
  004f  sub r11,1
  0056  jb 0000000000000088h
  005c  cmp rax,r11
  005f  ja 0000000000000088h
  0065  movsx eax,byte ptr [r15+rax]
  006e  lea rsp,[rbp-10h]
  0075  pop r15
  0077  pop r14
  0079  pop rbp
  007a  ret
  007b  mov rax,[rsp]
  0083  jmp 000000000000006Eh
  0088  ud2    ; trap: Code(MemoryOutOfBounds)
  008a  ud2    ; trap: Code(StackOverflow)
  008c  mov r11,rdx
  008f  mov edx,[r11]
  0097  jmp 0

